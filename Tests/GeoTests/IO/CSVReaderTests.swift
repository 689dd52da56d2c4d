import Testing

@testable import Geo

/// RFC 4180 §2 by hand: quoted fields with commas, doubled quotes and line
/// breaks; LF and CRLF; a record of the wrong width is refused.
@Suite struct CSVReaderTests {
    @Test func quotedFieldsAndLineEnds() throws {
        let text = "a,b,c\r\n1,\"x, y\",\"he said \"\"hi\"\"\"\n2,\"two\nlines\",\n"
        let r = try CSVReader.records(text, file: "t.csv")
        #expect(r == [["a", "b", "c"], ["1", "x, y", "he said \"hi\""], ["2", "two\nlines", ""]])
    }

    @Test func noFinalLineBreakAndBlankLines() throws {
        #expect(try CSVReader.records("a,b\n\n1,2", file: "t.csv") == [["a", "b"], ["1", "2"]])
        #expect(try CSVReader.records("", file: "t.csv") == [])
    }

    @Test func malformedInputNamesTheFileAndLine() {
        for (text, words) in [
            ("a,b\n1,\"open\n", "not closed"), ("a,b\n1,x\"y\n", "quote inside an unquoted field"),
            ("a,b\n1,\"x\"y\n", "after a closing quote"), ("a,b\n1,2,3\n", "has 3 fields; the header has 2"),
        ] {
            do {
                _ = try CSVReader.records(text, file: "t.csv")
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.file == "t.csv")
                #expect(error.message.contains(words), "\(error.message)")
            }
        }
    }
}
