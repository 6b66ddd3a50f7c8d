/// Makes the head declare the output encoding: rewrites an existing `<meta charset>` or
/// `http-equiv=content-type` declaration, or adds `<meta charset>` when the head has none.
enum MetaCharsetInjection {
    typealias Token = HTMLStreamSerializer.Token

    static func apply(to tokens: [Token], encoding: String) -> [Token] {
        var output: [Token] = []
        var pending: [Token] = []
        var inHead = false
        var metaFound = false
        let injected = Token.emptyTag(name: "meta", attributes: [HTMLAttribute(name: "charset", value: encoding)])
        for var token in tokens {
            switch token {
            case .startTag(let name, _, _) where name.lowercased() == "head":
                inHead = true
            case .emptyTag(let name, var attributes) where name.lowercased() == "meta":
                if let charset = attributes.firstIndex(where: { $0.namespace == nil && $0.name.lowercased() == "charset" }) {
                    attributes[charset].value = encoding
                    metaFound = true
                } else if attributes.contains(where: { $0.namespace == nil && $0.name == "http-equiv" && $0.value.lowercased() == "content-type" }),
                          let content = attributes.firstIndex(where: { $0.namespace == nil && $0.name == "content" }) {
                    attributes[content].value = "text/html; charset=\(encoding)"
                    metaFound = true
                }
                token = .emptyTag(name: name, attributes: attributes)
            case .emptyTag(let name, let attributes) where name.lowercased() == "head" && !metaFound:
                output.append(.startTag(name: "head", namespace: .html, attributes: attributes))
                output.append(injected)
                output.append(.endTag(name: "head", namespace: .html))
                metaFound = true
                continue
            case .endTag(let name, _) where name.lowercased() == "head" && !pending.isEmpty:
                output.append(pending.removeFirst())
                if !metaFound { output.append(injected) }
                output.append(contentsOf: pending)
                pending.removeAll()
                metaFound = true
                inHead = false
            default:
                break
            }
            if inHead { pending.append(token) } else { output.append(token) }
        }
        return output + pending
    }
}
