import CGEOS

/// An owned GEOS geometry: destroyed exactly once, when the last Swift
/// reference goes, unless its ownership was handed to GEOS with `release()`.
final class GEOSGeom {
    let context: GEOSContext
    private var ownedPointer: OpaquePointer?

    init(context: GEOSContext, pointer: OpaquePointer) {
        self.context = context
        self.ownedPointer = pointer
    }

    deinit {
        if let p = ownedPointer { GEOSGeom_destroy_r(context.handle, p) }
    }

    /// The GEOS pointer, still owned by this object.
    var pointer: OpaquePointer {
        guard let p = ownedPointer else {
            preconditionFailure("GEOS geometry used after its ownership was released")
        }
        return p
    }

    /// Hands ownership to a GEOS function that takes it (a collection or a
    /// polygon constructor); this object will no longer destroy it.
    func release() -> OpaquePointer {
        let p = pointer
        ownedPointer = nil
        return p
    }

    var typeID: Int32 { GEOSGeomTypeId_r(context.handle, pointer) }
    var isEmpty: Bool { GEOSisEmpty_r(context.handle, pointer) == 1 }
}

// MARK: - Swift values to GEOS, in bulk

extension GEOSContext {
    /// A coordinate sequence copied from Swift memory in one call.
    func coordinateSequence(_ coordinates: [Coordinate]) throws(GeoError) -> OpaquePointer {
        let seq: OpaquePointer? = coordinates.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: Double.self) { doubles in
                GEOSCoordSeq_copyFromBuffer_r(handle, doubles.baseAddress, UInt32(buffer.count), 0, 0)
            }
        }
        guard let seq else { throw error("GEOSCoordSeq_copyFromBuffer_r") }
        return seq
    }

    func makeLinearRing(_ coordinates: [Coordinate]) throws(GeoError) -> GEOSGeom {
        guard coordinates.count >= 4, coordinates.first == coordinates.last else {
            throw GeoError(.schema, "a linear ring needs at least 4 positions with the last equal to the first")
        }
        let seq = try coordinateSequence(coordinates)
        return try owned("GEOSGeom_createLinearRing_r", GEOSGeom_createLinearRing_r(handle, seq))
    }

    func makePolygon(_ polygon: Polygon) throws(GeoError) -> GEOSGeom {
        guard !polygon.rings.isEmpty else {
            return try owned("GEOSGeom_createEmptyPolygon_r", GEOSGeom_createEmptyPolygon_r(handle))
        }
        var rings: [GEOSGeom] = []
        rings.reserveCapacity(polygon.rings.count)
        for r in polygon.rings { rings.append(try makeLinearRing(r)) }
        let shell = rings[0].release()
        var holes: [OpaquePointer?] = rings.dropFirst().map { $0.release() }
        let p = holes.withUnsafeMutableBufferPointer { buf in
            GEOSGeom_createPolygon_r(handle, shell, buf.baseAddress, UInt32(buf.count))
        }
        return try owned("GEOSGeom_createPolygon_r", p)
    }

    func makeLineString(_ coordinates: [Coordinate]) throws(GeoError) -> GEOSGeom {
        guard coordinates.count != 1 else {
            throw GeoError(.schema, "a line string needs at least 2 positions")
        }
        let seq = try coordinateSequence(coordinates)
        return try owned("GEOSGeom_createLineString_r", GEOSGeom_createLineString_r(handle, seq))
    }

    /// An axis-aligned rectangle (GEOS 3.11+).
    func makeRectangle(_ b: BoundingBox) throws(GeoError) -> GEOSGeom {
        try owned("GEOSGeom_createRectangle_r", GEOSGeom_createRectangle_r(handle, b.west, b.south, b.east, b.north))
    }

    func makePoint(_ c: Coordinate) throws(GeoError) -> GEOSGeom {
        try owned("GEOSGeom_createPointFromXY_r", GEOSGeom_createPointFromXY_r(handle, c.longitude, c.latitude))
    }

    func makeCollection(_ type: GEOSGeomTypes, _ members: [GEOSGeom]) throws(GeoError) -> GEOSGeom {
        var pointers: [OpaquePointer?] = members.map { $0.release() }
        let c = pointers.withUnsafeMutableBufferPointer { buf in
            GEOSGeom_createCollection_r(handle, Int32(type.rawValue), buf.baseAddress, UInt32(buf.count))
        }
        return try owned("GEOSGeom_createCollection_r", c)
    }

    /// Converts a Swift geometry to an owned GEOS geometry.
    func make(_ geometry: Geometry) throws(GeoError) -> GEOSGeom {
        switch geometry {
        case .point(let c): return try makePoint(c)
        case .multiPoint(let cs):
            var ms: [GEOSGeom] = []
            for c in cs { ms.append(try makePoint(c)) }
            return try makeCollection(GEOS_MULTIPOINT, ms)
        case .lineString(let l): return try makeLineString(l.coordinates)
        case .multiLineString(let ls):
            var ms: [GEOSGeom] = []
            for l in ls { ms.append(try makeLineString(l.coordinates)) }
            return try makeCollection(GEOS_MULTILINESTRING, ms)
        case .polygon(let p): return try makePolygon(p)
        case .multiPolygon(let ps):
            var ms: [GEOSGeom] = []
            for p in ps { ms.append(try makePolygon(p)) }
            return try makeCollection(GEOS_MULTIPOLYGON, ms)
        case .geometryCollection(let gs):
            var ms: [GEOSGeom] = []
            for g in gs { ms.append(try make(g)) }
            return try makeCollection(GEOS_GEOMETRYCOLLECTION, ms)
        }
    }
}

// MARK: - GEOS to Swift values, in bulk

extension GEOSContext {
    /// Copies a coordinate sequence (not owned) to Swift in one call.
    func coordinates(ofSequence seq: OpaquePointer?) throws(GeoError) -> [Coordinate] {
        guard let seq else { throw error("GEOSGeom_getCoordSeq_r") }
        var size: UInt32 = 0
        try status("GEOSCoordSeq_getSize_r", GEOSCoordSeq_getSize_r(handle, seq, &size))
        if size == 0 { return [] }
        var result = [Coordinate](repeating: Coordinate(longitude: 0, latitude: 0), count: Int(size))
        let rc = result.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: Double.self) { doubles in
                GEOSCoordSeq_copyToBuffer_r(handle, seq, doubles.baseAddress, 0, 0)
            }
        }
        try status("GEOSCoordSeq_copyToBuffer_r", rc)
        return result
    }

    private func coordinates(ofSimple g: OpaquePointer) throws(GeoError) -> [Coordinate] {
        if GEOSisEmpty_r(handle, g) == 1 { return [] }
        return try coordinates(ofSequence: GEOSGeom_getCoordSeq_r(handle, g))
    }

    private func polygon(of g: OpaquePointer) throws(GeoError) -> Polygon {
        if GEOSisEmpty_r(handle, g) == 1 { return Polygon(rings: []) }
        guard let shell = GEOSGetExteriorRing_r(handle, g) else { throw error("GEOSGetExteriorRing_r") }
        var rings = [try coordinates(ofSimple: shell)]
        let n = GEOSGetNumInteriorRings_r(handle, g)
        guard n >= 0 else { throw error("GEOSGetNumInteriorRings_r") }
        for i in 0..<n {
            guard let hole = GEOSGetInteriorRingN_r(handle, g, i) else { throw error("GEOSGetInteriorRingN_r") }
            rings.append(try coordinates(ofSimple: hole))
        }
        return Polygon(rings: rings)
    }

    private func members(of g: OpaquePointer) throws(GeoError) -> [OpaquePointer] {
        let n = GEOSGetNumGeometries_r(handle, g)
        guard n >= 0 else { throw error("GEOSGetNumGeometries_r") }
        var result: [OpaquePointer] = []
        result.reserveCapacity(Int(n))
        for i in 0..<n {
            guard let m = GEOSGetGeometryN_r(handle, g, i) else { throw error("GEOSGetGeometryN_r") }
            result.append(m)
        }
        return result
    }

    /// Converts a GEOS geometry (owned or borrowed) to a Swift value.
    func value(of g: OpaquePointer) throws(GeoError) -> Geometry {
        let type = GEOSGeomTypeId_r(handle, g)
        switch type {
        case Int32(GEOS_POINT.rawValue):
            let cs = try coordinates(ofSimple: g)
            guard let c = cs.first else { return .multiPoint([]) }
            return .point(c)
        case Int32(GEOS_LINESTRING.rawValue), Int32(GEOS_LINEARRING.rawValue):
            return .lineString(LineString(try coordinates(ofSimple: g)))
        case Int32(GEOS_POLYGON.rawValue):
            return .polygon(try polygon(of: g))
        case Int32(GEOS_MULTIPOINT.rawValue):
            var cs: [Coordinate] = []
            for m in try members(of: g) { cs.append(contentsOf: try coordinates(ofSimple: m)) }
            return .multiPoint(cs)
        case Int32(GEOS_MULTILINESTRING.rawValue):
            var ls: [LineString] = []
            for m in try members(of: g) { ls.append(LineString(try coordinates(ofSimple: m))) }
            return .multiLineString(ls)
        case Int32(GEOS_MULTIPOLYGON.rawValue):
            var ps: [Polygon] = []
            for m in try members(of: g) { ps.append(try polygon(of: m)) }
            return .multiPolygon(ps)
        case Int32(GEOS_GEOMETRYCOLLECTION.rawValue):
            var gs: [Geometry] = []
            for m in try members(of: g) { gs.append(try value(of: m)) }
            return .geometryCollection(gs)
        default:
            throw error("GEOSGeomTypeId_r")
        }
    }

    func value(of g: GEOSGeom) throws(GeoError) -> Geometry { try value(of: g.pointer) }
}
