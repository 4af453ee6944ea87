import StaybookModel
import Yams

/// `talk_duration:` in site.yml: the handbook-wide length of one talk, in minutes.
extension SiteConfigLoader {
    static let exampleTalkDuration = "`talk_duration: {min: 30, max: 60, tag: 一对一}`"

    static func talkDuration(_ node: Node, _ fields: inout YAMLFields) -> TalkDurationRange? {
        guard let pairs = fields.mapping(node, what: "`talk_duration`") else { return nil }
        var bounds: [String: (value: Int, node: Node)] = [:]
        var tag: String?
        for (key, keyNode, value) in pairs {
            switch key {
            case "min", "max":
                guard let minutes = fields.int(value, key: "talk_duration.\(key)") else { break }
                if (1...600).contains(minutes) {
                    bounds[key] = (minutes, value)
                } else {
                    fields.error("`talk_duration.\(key): \(minutes)` must be between 1 and 600 minutes", at: value, hint: "e.g. \(exampleTalkDuration)")
                }
            case "tag": tag = fields.string(value, key: "talk_duration.tag")
            default:
                fields.warning("unknown key `\(key)` in `talk_duration` is ignored", at: keyNode, hint: "use min, max (minutes) and tag")
            }
        }
        guard let low = bounds["min"], let high = bounds["max"] else {
            if !fields.diagnostics.hasErrors {
                fields.error("`talk_duration` needs both `min` and `max`, in minutes", at: node, hint: "e.g. \(exampleTalkDuration)")
            }
            return nil
        }
        guard low.value <= high.value else {
            fields.error("`talk_duration.min: \(low.value)` is above `max: \(high.value)`", at: low.node, hint: "e.g. \(exampleTalkDuration)")
            return nil
        }
        return TalkDurationRange(min: low.value, max: high.value, tag: tag)
    }
}
