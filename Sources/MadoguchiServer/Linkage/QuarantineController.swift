import Foundation
import MadoguchiDomain
import Vapor

/// 隔離一覧: the packages from マイナポータル that were held back, with the reason, for the
/// municipality's 担当 and 管理者. The entries hold no personal data (file name, the portal's
/// 受付番号, the reason and which part failed), so every member of those roles sees them all.
enum QuarantineController {
    static func show(_ req: Request) async throws -> Response {
        let member = try req.staff.member
        let entries = try await PortalQuarantine.open(tenant: member.tenant, on: req.db.sql)
        return Layout.response(QuarantinePages.render(try PageContext.staff(req), member: member, entries: entries))
    }
}

enum QuarantinePages {
    static func render(_ context: PageContext, member: StaffMember, entries: [PortalQuarantine.Entry]) -> Node {
        let t = context.text
        return StaffLayout.page(context, member: member, title: t(QuarantineText.title)) {
            el("h1") { t(QuarantineText.title) }
            el("p") { t(QuarantineText.intro) }
            if entries.isEmpty {
                el("p") { t(QuarantineText.none) }
            } else {
                el(
                    "div", .class("table-wrap"), Attribute("role", "region"),
                    Attribute("aria-label", t(QuarantineText.title)), Attribute("tabindex", "0")
                ) {
                    el("table", .class("inbox-table")) {
                        el("thead") {
                            el("tr") {
                                for heading in [
                                    QuarantineText.received, QuarantineText.source, QuarantineText.portalNumber,
                                    QuarantineText.reason, QuarantineText.detail,
                                ] {
                                    el("th", Attribute("scope", "col")) { t(heading) }
                                }
                            }
                        }
                        el("tbody") {
                            entries.map { entry in
                                el("tr") {
                                    el("td") { AuditPages.timestamp(entry.receivedAt) }
                                    el("td") { entry.source }
                                    el("td") { entry.portalNumber ?? "—" }
                                    el("td") { t(entry.reason.message) }
                                    el("td") { entry.detail }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

enum QuarantineText {
    static func t(_ ja: String, _ en: String) -> LocalizedText { LocalizedText(ja: ja, en: en) }

    static let title = t("取込保留（隔離）", "Held-back packages")
    static let intro = t(
        "マイナポータルから取り込めなかった申請データです。理由を確認し、正しいデータを取り込み直してください。受け取ったデータはそのまま保存されています。",
        "Packages from マイナポータル that could not be taken in. Check the reason and import a corrected package; what was received is kept as it came."
    )
    static let none = t("保留中のデータはありません。", "No package is held back.")
    static let received = t("受信日時", "Received")
    static let source = t("ファイル", "File")
    static let portalNumber = t("マイナポータル受付番号", "Portal receipt number")
    static let reason = t("理由", "Reason")
    static let detail = t("詳細", "Detail")
}
