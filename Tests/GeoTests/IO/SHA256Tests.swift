import Foundation
import Testing

@testable import Geo

/// SHA-256 against the test vectors of FIPS 180-4's examples (NIST's
/// "Examples with intermediate values": "abc", the 448-bit message, a
/// million "a") and the empty message, and the page's policy naming its
/// script by that hash (issue 29; HTMLMapBrowserTests runs the page in
/// Chromium, where a wrong hash would stop the script).
@Suite struct SHA256Tests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test func theStandardsVectors() {
        #expect(Self.hex(SHA256.digest(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Self.hex(SHA256.digest([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            Self.hex(SHA256.digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Self.hex(SHA256.digest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(SHA256.base64Digest("abc") == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
    }

    @Test func thePagesPolicyNamesItsScriptOnly() {
        let script = "\n" + HTMLRenderer.script + "\n"
        #expect(HTMLRenderer.scriptHash == SHA256.base64Digest(script))
        #expect(!HTMLRenderer.scriptHash.isEmpty)
    }
}
