import Foundation

/// A path into JSON such as `result.data[].title`: object keys joined by dots, `[]` for "each element
/// of this array", `[2]` for one element. A source's field paths share one `[]`: the item array.
struct JSONFieldPath: Sendable, Hashable, CustomStringConvertible {
    enum Step: Sendable, Hashable {
        case key(String)
        case each
        case index(Int)
    }

    var steps: [Step]
    var description: String

    init(_ text: String) throws(FeedError) {
        description = text
        steps = []
        var key = ""
        var index = text.startIndex
        func flushKey() { if !key.isEmpty { steps.append(.key(key)); key = "" } }
        while index < text.endIndex {
            let character = text[index]
            switch character {
            case ".":
                flushKey()
            case "[":
                flushKey()
                guard let close = text[index...].firstIndex(of: "]") else {
                    throw FeedError(message: "field path `\(text)`: `[` without `]`")
                }
                let inside = text[text.index(after: index)..<close].trimmingCharacters(in: .whitespaces)
                if inside.isEmpty {
                    steps.append(.each)
                } else if let number = Int(inside), number >= 0 {
                    steps.append(.index(number))
                } else {
                    throw FeedError(message: "field path `\(text)`: `[\(inside)]` is neither `[]` nor an index")
                }
                index = close
            default:
                key.append(character)
            }
            index = text.index(after: index)
        }
        flushKey()
        if steps.isEmpty { throw FeedError(message: "field path `\(text)` is empty") }
    }

    /// The part before the first `[]` (the item array) and the part after it (the field in one item);
    /// nil when the path has no `[]`.
    var split: (items: [Step], field: [Step])? {
        guard let each = steps.firstIndex(of: .each) else { return nil }
        return (Array(steps[..<each]), Array(steps[(each + 1)...]))
    }

    static func follow(_ steps: [Step], in value: Any) -> Any? {
        var current: Any? = value
        for step in steps {
            switch step {
            case .key(let key): current = (current as? [String: Any])?[key]
            case .index(let number):
                guard let array = current as? [Any], number < array.count else { return nil }
                current = array[number]
            case .each: return nil
            }
        }
        return current
    }
}
