import Foundation
import MadoguchiDomain

/// Values the linkage tests share.
enum LinkageFixtures {
    static let header = "宛名番号,氏名,フリガナ,生年月日,性別,住所,世帯番号"
    static let incrementalHeader = header + ",区分"
    static let mappingHeader = "宛名番号,シリアル番号,有効開始日時,有効終了日時,失効日時"

    static func atena(_ digits: String) -> AtenaNumber { AtenaNumber(digits)! }

    static func serial(_ hex: String) -> CertificateSerial { CertificateSerial(hex)! }

    static func time(_ text: String) -> Date { LinkageTimestamp.parse(text)! }

    static func day(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    static func resident(
        _ atena: String, _ name: String = "山田 太郎", address: String = "東京都千代田区1-1", birth: String = "1980-01-02"
    ) -> ResidentRecord {
        ResidentRecord(
            atenaNumber: Self.atena(atena), name: name, furigana: "ヤマダ タロウ", birthDate: day(birth), sex: .male,
            address: address, householdNumber: "900001")
    }

    /// A CSV row for `resident`, as the register file gives it.
    static func row(_ resident: ResidentRecord, change: String? = nil) -> String {
        let fields = [
            resident.atenaNumber.digits, resident.name, resident.furigana, resident.birthDate.iso, "1",
            resident.address,
            resident.householdNumber ?? "",
        ]
        return CSVWriter.record(fields + (change.map { [$0] } ?? []))
    }

    /// Parses a resident file, failing the test on a file-level error.
    static func residents(_ text: String, kind: ImportKind? = nil) throws -> ResidentRegisterFile {
        try ResidentRegisterFile.parse(text, kind: kind)
    }
}
