/// How the extractor found an article's body. Its ``description`` is the text the `extract` command and
/// a run's warnings print (`site rule finance.sina.com.cn`, `generic`, and why a rule was not used).
public enum ExtractionMethod: Sendable, Hashable, CustomStringConvertible {
    /// The site rule for `host` found it.
    case siteRule(host: String)
    /// The site rule for `host` applied but its body selectors matched nothing (the site's layout
    /// changed), so the generic scorer found it: worth a warning.
    case staleRule(host: String)
    /// The generic scorer found it; no site rule applied.
    case generic

    public var description: String {
        switch self {
        case .siteRule(let host): "site rule \(host)"
        case .staleRule(let host): "generic (the \(host) rule's body selectors match nothing: the page layout changed)"
        case .generic: "generic"
        }
    }
}
