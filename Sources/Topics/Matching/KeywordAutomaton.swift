/// Finds every occurrence of many keywords in one pass over folded bytes (Aho–Corasick). Rules'
/// keywords and the stock names share this: 50 rules or 6,000 company names cost one scan of the text.
public struct KeywordAutomaton: Sendable {
    /// One occurrence: which keyword, and the byte range it covers.
    public struct Match: Sendable, Hashable {
        public var keyword: Int
        public var start: Int
        public var end: Int
    }

    /// What a step reads of a node, together (one cache line, not one per array): where its edges are,
    /// its failure link and its first output.
    struct Node {
        /// The node's first edge in ``edgeBytes``/``edgeTargets``, or its table in ``denseTargets``.
        var edges: Int32
        /// How many edges; -1 when they are in a dense table.
        var count: Int32
        var failure: Int32
        /// The first keyword ending here, in ``outputKeyword``/``outputNext``; -1 for none.
        var output: Int32
    }

    private var nodes: [Node] = []
    // Edges are kept per node, sorted by byte, in flat arrays; the root's in a dense table.
    private var edgeBytes: [UInt8] = []
    private var edgeTargets: [Int32] = []
    private var rootTable = [Int32](repeating: 0, count: 256)
    /// Nodes whose edges are all UTF-8 continuation bytes (the second and third bytes of a Chinese
    /// character), when they have many: a 64-entry table each, indexed by the byte's low six bits
    /// (-1: no edge), instead of halving.
    private var denseTargets: [Int32] = []
    /// Keywords ending at each node (its own, then along the failure chain), as a linked list.
    private var outputNext: [Int32] = []
    private var outputKeyword: [Int32] = []
    private var lengths: [Int] = []

    public var keywordCount: Int { lengths.count }

    /// - Parameter keywords: folded keywords; an empty one never matches. Their index is their id.
    /// - Complexity: O(total keyword bytes · log alphabet).
    public init(keywords: [[UInt8]]) {
        lengths = keywords.map(\.count)
        var children: [[UInt8: Int32]] = [[:]]
        var ends: [[Int32]] = [[]]
        for (id, keyword) in keywords.enumerated() where !keyword.isEmpty {
            var node = 0
            for byte in keyword {
                if let next = children[node][byte] {
                    node = Int(next)
                } else {
                    children.append([:])
                    ends.append([])
                    children[node][byte] = Int32(children.count - 1)
                    node = children.count - 1
                }
            }
            ends[node].append(Int32(id))
        }
        let count = children.count
        var edgeStart = [Int32](repeating: 0, count: count)
        var edgeCount = [Int32](repeating: 0, count: count)
        for node in 0..<count {
            edgeStart[node] = Int32(edgeBytes.count)
            edgeCount[node] = Int32(children[node].count)
            for (byte, target) in children[node].sorted(by: { $0.key < $1.key }) {
                edgeBytes.append(byte)
                edgeTargets.append(target)
            }
        }
        for (byte, target) in children[0] { rootTable[Int(byte)] = target }
        var denseStart = [Int32](repeating: -1, count: count)
        for node in 1..<max(1, count) where children[node].count >= Self.denseEdges
            && children[node].keys.allSatisfy({ $0 & 0xC0 == 0x80 })
        {
            denseStart[node] = Int32(denseTargets.count)
            denseTargets.append(contentsOf: repeatElement(-1, count: 64))
            for (byte, target) in children[node] { denseTargets[Int(denseStart[node]) + Int(byte & 0x3F)] = target }
        }
        var failure = [Int32](repeating: 0, count: count)
        var outputHead = [Int32](repeating: -1, count: count)
        // Breadth first, so a node's failure target is finished before the node.
        var queue: [Int32] = children[0].values.sorted()
        var order: [Int32] = []
        var index = 0
        while index < queue.count {
            let node = Int(queue[index])
            index += 1
            order.append(Int32(node))
            for (byte, target) in children[node] {
                var fallback = Int(failure[node])
                var found: Int32 = 0
                while true {
                    if let next = children[fallback][byte], Int(next) != Int(target) {
                        found = next
                        break
                    }
                    if fallback == 0 { break }
                    fallback = Int(failure[fallback])
                }
                failure[Int(target)] = found
                queue.append(target)
            }
        }
        for node in [Int32(0)] + order {
            var head = outputHead[Int(failure[Int(node)])]
            if node == 0 { head = -1 }
            for keyword in ends[Int(node)] {
                outputKeyword.append(keyword)
                outputNext.append(head)
                head = Int32(outputKeyword.count - 1)
            }
            outputHead[Int(node)] = head
        }
        nodes = (0..<count).map { node in
            denseStart[node] >= 0
                ? Node(edges: denseStart[node], count: -1, failure: failure[node], output: outputHead[node])
                : Node(edges: edgeStart[node], count: edgeCount[node], failure: failure[node], output: outputHead[node])
        }
    }

    /// How many continuation-byte edges make a node's table dense (see ``denseTargets``).
    static let denseEdges = 4

    @inline(__always)
    private func step(_ node: Int, _ byte: UInt8) -> Int {
        var node = node
        while true {
            if node == 0 { return Int(rootTable[Int(byte)]) }
            let record = nodes[node]
            if record.count < 0 {
                if byte & 0xC0 == 0x80 {
                    let target = denseTargets[Int(record.edges) + Int(byte & 0x3F)]
                    if target >= 0 { return Int(target) }
                }
            } else {
                var low = Int(record.edges)
                var high = low + Int(record.count)
                // Binary search over the node's sorted edges.
                while low < high {
                    let middle = (low + high) >> 1
                    let edge = edgeBytes[middle]
                    if edge == byte { return Int(edgeTargets[middle]) }
                    if edge < byte { low = middle + 1 } else { high = middle }
                }
            }
            node = Int(record.failure)
        }
    }

    /// Calls `body` for every occurrence of every keyword, in order of where they end.
    /// - Complexity: O(n + matches).
    public func scan(_ bytes: [UInt8], _ body: (Match) -> Void) {
        guard !lengths.isEmpty else { return }
        var node = 0
        bytes.withUnsafeBufferPointer { buffer in
            for position in 0..<buffer.count {
                node = step(node, buffer[position])
                var output = nodes[node].output
                while output >= 0 {
                    let keyword = Int(outputKeyword[Int(output)])
                    body(Match(keyword: keyword, start: position + 1 - lengths[keyword], end: position + 1))
                    output = outputNext[Int(output)]
                }
            }
        }
    }

    /// The ids of the keywords that occur in `bytes`.
    public func matches(in bytes: [UInt8]) -> Set<Int> {
        var found = Set<Int>()
        scan(bytes) { found.insert($0.keyword) }
        return found
    }
}
