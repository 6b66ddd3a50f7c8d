import Testing
import Topics

@Suite struct Placeholder { @Test func builds() { #expect(RuleSet.empty.isEmpty) } }
