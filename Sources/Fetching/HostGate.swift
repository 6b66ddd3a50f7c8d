/// Politeness: at most `global` requests in flight, at most `perHost` to one host, and at least
/// `delay` between the starts of two requests to the same host. Waiters are served first come,
/// first served; a slot is held while its request runs, not while a retry backs off.
actor HostGate {
    private let global: Int
    private let perHost: Int
    private let delay: Duration
    private let clock = ContinuousClock()
    private var active = 0
    private var activeByHost: [String: Int] = [:]
    /// The earliest start allowed for the next request to each host.
    private var nextStart: [String: ContinuousClock.Instant] = [:]
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(global: Int, perHost: Int, delay: Duration) {
        self.global = max(1, global)
        self.perHost = max(1, perHost)
        self.delay = delay
    }

    /// Waits for a slot for `host`, then until the host's minimum delay has passed.
    func acquire(host: String) async {
        while active >= global || activeByHost[host, default: 0] >= perHost {
            await withCheckedContinuation { waiters.append($0) }
        }
        active += 1
        activeByHost[host, default: 0] += 1
        let now = clock.now
        let start = max(now, nextStart[host] ?? now)
        nextStart[host] = start + delay
        if start > now { try? await clock.sleep(until: start) }
    }

    func release(host: String) {
        active -= 1
        activeByHost[host, default: 1] -= 1
        if activeByHost[host] == 0 { activeByHost[host] = nil }
        let waiting = waiters
        waiters.removeAll()
        for waiter in waiting { waiter.resume() }
    }
}
