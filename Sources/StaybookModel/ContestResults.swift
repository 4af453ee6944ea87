/// One team's score in one round of a contest.
public struct ContestScore: Sendable, Hashable {
    /// A team id of the snapshots (`hz-1`).
    public var team: String
    public var score: Double
    /// 1-based line of the score in the source file.
    public var line: Int

    public init(team: String, score: Double, line: Int) {
        self.team = team
        self.score = score
        self.line = line
    }
}

/// One round of a contest: its name, when it was held, and every team's score.
public struct ContestRound: Sendable, Hashable {
    public var name: String
    /// `YYYY-MM-DD`.
    public var date: String?
    /// In file order.
    public var scores: [ContestScore]
    /// 1-based line where the round starts in the source file.
    public var line: Int

    public init(name: String, date: String? = nil, scores: [ContestScore], line: Int = 1) {
        self.name = name
        self.date = date
        self.scores = scores
        self.line = line
    }
}

/// The results of one knowledge contest: `content/data/contests/*.json`.
public struct ContestResults: Sendable, Hashable {
    /// The path shown in diagnostics.
    public var file: String
    /// The `id:` of the `kind: contest` playbook these results belong to.
    public var contest: Located<String>
    public var title: String?
    /// The highest score a team can get in one round.
    public var maxScore: Double
    /// In file order.
    public var rounds: [ContestRound]

    public static let defaultMaxScore = 100.0

    public init(file: String, contest: Located<String>, title: String? = nil, maxScore: Double = defaultMaxScore, rounds: [ContestRound]) {
        self.file = file
        self.contest = contest
        self.title = title
        self.maxScore = maxScore
        self.rounds = rounds
    }

    /// The leaderboard: each team's scores summed over the rounds it took part in, highest total
    /// first, ties by team id. Totals are rounded to six decimals so that 0.1 + 0.2 ties with 0.3.
    public func totals() -> [(team: String, total: Double, rounds: Int)] {
        var sums: [String: (total: Double, rounds: Int)] = [:]
        for round in rounds {
            for score in round.scores {
                sums[score.team, default: (0, 0)].total += score.score
                sums[score.team, default: (0, 0)].rounds += 1
            }
        }
        return sums.map { (team: $0.key, total: ($0.value.total * 1e6).rounded() / 1e6, rounds: $0.value.rounds) }
            .sorted { $0.total != $1.total ? $0.total > $1.total : $0.team < $1.team }
    }
}
