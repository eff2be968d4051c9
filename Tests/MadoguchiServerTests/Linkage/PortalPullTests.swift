import Foundation
import MadoguchiDomain
import SQLKit
import Testing
import Vapor

@testable import MadoguchiServer

@Suite struct PortalPullTests {
    @Test func thePullerTakesTheSameApplicationsTwiceAndStoresEachOnce() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let (portal, base) = try await LoopbackPortal.start()
        let clock = SettableClock(testNow)
        do {
            try await withMadoguchi(
                clock: clock,
                adjust: {
                    $0.portalTrustAnchors = fixture.anchors
                    $0.portalPull = PortalPullConfiguration(
                        base: base, user: portal.user, password: portal.password)
                }
            ) { app in
                // given: the portal holds three good applications and one with a broken signature
                let procedures = PortalImportTests.procedures(app)
                var packages: [[UInt8]] = []
                for (index, procedure) in procedures.enumerated() {
                    packages.append(try fixture.package(procedure, number: "MP-\(index)"))
                    portal.hold(
                        "MP-\(index)", received: testNow.addingTimeInterval(Double(-3600 * (index + 1))),
                        package: packages[index])
                }
                portal.hold(
                    "MP-9", received: testNow.addingTimeInterval(-600),
                    package: try fixture.package(
                        procedures[0], number: "MP-9",
                        edit: { $0[1].bytes = Array($0[1].bytes.reversed()) }))

                // when: it polls, and again ten minutes later (the overlap lists the same again)
                let first = try #require(try await PortalPull.once(app))
                clock.date = clock.date.addingTimeInterval(600)
                let second = try #require(try await PortalPull.once(app))

                // then: each stored once, the broken one held back, the portal told which is which
                #expect(first.imported == 3)
                #expect(first.quarantined == [.badSignature: 1])
                #expect(second.imported == 0)
                #expect(second.quarantined == [.badSignature: 1])
                let sql = app.db.sql
                let count = try await sql.raw("SELECT COUNT(*) AS n FROM applications WHERE channel = 'portal'")
                    .first()?.decode(column: "n", as: Int.self)
                #expect(count == 3)
                #expect(portal.reports == ["MP-0": "受付済", "MP-1": "受付済", "MP-2": "受付済", "MP-9": "保留"])
                #expect(portal.fetches == 5)
                // and: the package is kept byte for byte
                let kept = try await sql.raw(
                    "SELECT package_sha256 FROM portal_receipts WHERE portal_number = 'MP-0'"
                ).first()?.decode(column: "package_sha256", as: String.self)
                let stored = kept.map { app.madoguchi.attachments.path(for: $0) }.flatMap {
                    FileManager.default.contents(atPath: $0.path)
                }
                #expect(stored.map(Array.init) == packages[0])
            }
        } catch {
            try? await portal.stop()
            throw error
        }
        try await portal.stop()
    }

    @Test func aWrongPasswordStopsThePollAndLosesNothing() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let (portal, base) = try await LoopbackPortal.start()
        do {
            try await withMadoguchi(adjust: {
                $0.portalTrustAnchors = fixture.anchors
                $0.portalPull = PortalPullConfiguration(base: base, user: portal.user, password: "wrong")
            }) { app in
                // given
                portal.hold(
                    "MP-1", received: testNow.addingTimeInterval(-60),
                    package: try fixture.package(PortalImportTests.procedures(app)[0], number: "MP-1"))
                // when / then
                await #expect(throws: PortalAPIError.self) { try await PortalPull.once(app) }
                // and: the lease is given back, so the next poll runs
                await #expect(throws: PortalAPIError.self) { try await PortalPull.once(app) }
            }
        } catch {
            try? await portal.stop()
            throw error
        }
        try await portal.stop()
    }
}
