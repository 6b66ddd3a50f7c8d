import Testing

/// The tests that talk to a loopback server run one at a time: timing assertions (timeouts,
/// politeness) must not share the HTTP client's event loops with another test's gzip bomb.
@Suite(.serialized)
enum NetworkSuite {}
