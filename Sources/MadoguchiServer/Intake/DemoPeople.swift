import MadoguchiDomain

/// Applicants for demo data: common family and given names with their kana, birth dates and phone
/// numbers, varied by a number, so that searching a demo inbox behaves as searching a real one.
enum DemoPeople {
    static let families: [(String, String)] = [
        ("佐藤", "さとう"), ("鈴木", "すずき"), ("高橋", "たかはし"), ("田中", "たなか"), ("伊藤", "いとう"),
        ("渡辺", "わたなべ"), ("山本", "やまもと"), ("中村", "なかむら"), ("小林", "こばやし"), ("加藤", "かとう"),
        ("吉田", "よしだ"), ("山田", "やまだ"), ("佐々木", "ささき"), ("山口", "やまぐち"), ("松本", "まつもと"),
        ("井上", "いのうえ"), ("木村", "きむら"), ("林", "はやし"), ("斎藤", "さいとう"), ("清水", "しみず"),
        ("山崎", "やまざき"), ("森", "もり"), ("池田", "いけだ"), ("橋本", "はしもと"), ("阿部", "あべ"),
        ("石川", "いしかわ"), ("山下", "やました"), ("中島", "なかじま"), ("石井", "いしい"), ("小川", "おがわ"),
        ("前田", "まえだ"), ("岡田", "おかだ"), ("長谷川", "はせがわ"), ("藤田", "ふじた"), ("後藤", "ごとう"),
        ("近藤", "こんどう"), ("村上", "むらかみ"), ("遠藤", "えんどう"), ("青木", "あおき"), ("坂本", "さかもと"),
        ("髙橋", "たかはし"), ("﨑山", "さきやま"), ("渡邉", "わたなべ"), ("齋藤", "さいとう"),
    ]
    static let givens: [(String, String)] = [
        ("花子", "はなこ"), ("太郎", "たろう"), ("陽翔", "はると"), ("結菜", "ゆいな"), ("蓮", "れん"), ("葵", "あおい"),
        ("湊", "みなと"), ("陽葵", "ひまり"), ("大翔", "ひろと"), ("凛", "りん"), ("悠真", "ゆうま"), ("芽依", "めい"),
        ("一郎", "いちろう"), ("和子", "かずこ"), ("健一", "けんいち"), ("恵子", "けいこ"), ("誠", "まこと"),
        ("美咲", "みさき"), ("翔太", "しょうた"), ("由美", "ゆみ"), ("大輔", "だいすけ"), ("直子", "なおこ"),
    ]

    /// `sample` with the applicant's fields (the first top-level name, kana, birth date and phone)
    /// made for person `index`.
    static func applicant(_ index: Int, in sample: FormInput, of procedure: Procedure, today: CivilDate) -> FormInput {
        var input = sample
        // Spread so that neighbouring numbers are different people.
        let person = (index &* 2_654_435_761) & 0x7FFF_FFFF
        let family = families[person % families.count]
        let given = givens[(person / families.count) % givens.count]
        if let name = procedure.fields.first(where: { $0.type == .name }) {
            input["\(name.id).family"] = family.0
            input["\(name.id).given"] = given.0
        }
        if let kana = procedure.fields.first(where: { $0.type == .kanaName }) {
            input["\(kana.id).family"] = family.1
            input["\(kana.id).given"] = given.1
        }
        if let birth = procedure.fields.first(where: { $0.type == .date && $0.id.hasSuffix("birth_date") }),
            let sampleDate = input[birth.id].flatMap(CivilDate.init(iso:))
        {
            // Within ten years before the sample's date (which satisfies the form's own bounds).
            input[birth.id] = sampleDate.adding(days: -(person % 3650)).iso
        }
        if let phone = procedure.fields.first(where: { $0.type == .phone }) {
            input[phone.id] = "090" + String(10_000_000 + person % 90_000_000)
        }
        return input
    }
}
