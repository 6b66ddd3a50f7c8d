import Synchronization

/// A ``KeywordAutomaton`` built the first time it is needed, once, whichever thread asks first
/// (5,736 company names take a noticeable moment to compile, and a run may never need them).
final class LazyAutomaton: Sendable {
    let keywords: [[UInt8]]
    private let built = Mutex<KeywordAutomaton?>(nil)

    init(keywords: [[UInt8]]) {
        self.keywords = keywords
    }

    var automaton: KeywordAutomaton {
        built.withLock { built in
            if let built { return built }
            let automaton = KeywordAutomaton(keywords: keywords)
            built = automaton
            return automaton
        }
    }
}
