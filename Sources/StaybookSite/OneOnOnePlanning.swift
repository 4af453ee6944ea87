import StaybookMetrics
import StaybookModel
import StaybookRender

/// Checks of the plan's inputs that need more than one file: the talk log against the snapshots,
/// the plan's playbook ids against the pages.
enum OneOnOnePlanning {
    /// A talk for an agent no snapshot knows is a warning: a typo in the id would otherwise leave
    /// that agent on the list for a talk that took place.
    static func check(talks: [TalkRecord], snapshots: [Snapshot], config: SiteConfig, file: String) -> [Diagnostic] {
        guard !talks.isEmpty else { return [] }
        var known: Set<String> = []
        for snapshot in snapshots {
            for team in snapshot.teams {
                for agent in team.agents { known.insert(agent.id) }
                for hire in team.hires { known.insert(hire.id) }
                for leaver in team.leavers { known.insert(leaver.id) }
            }
        }
        guard !known.isEmpty else { return [] }
        return talks.filter { !known.contains($0.agent) }.map { talk in
            .warning(
                "agent: no snapshot knows the agent \"\(talk.agent.prefix(40))\"; this talk is ignored", file: talk.file, line: talk.line, column: 1,
                hint: "check the id against the snapshots' agents (工号 as HR writes it)")
        }
    }

    /// Every id of `one_on_one.playbooks` must be a page's.
    static func validatePlaybooks(_ settings: OneOnOneSettings, playbookIDs: Set<String>, file: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for topic in PlanTopic.allCases {
            for id in settings.playbooks[topic] ?? [] where !playbookIDs.contains(id.value) {
                let close = RuleEngine.closeIDs(to: id.value, in: playbookIDs)
                diagnostics.append(
                    .error(
                        "one_on_one.playbooks.\(topic.rawValue): no page has the id `\(id.value)`", file: file, line: id.line,
                        hint: close.isEmpty ? "use the `id:` from the playbook's front matter" : "did you mean \(close.map { "`\($0)`" }.joined(separator: ", "))?"))
            }
        }
        return diagnostics
    }
}

/// What a team's dashboard shows of the plan: counts only, and a link to the team's list when the
/// site may show agents.
struct PlanSummary: Sendable {
    struct Team: Sendable {
        var due: Int
        var overdue: Int
        var reasons: [(label: String, count: Int)]
    }

    let teams: [String: Team]
    let today: Day
    let showAgents: Bool

    init(_ plan: OneOnOnePlan, showAgents: Bool, strings: ThemeStrings) {
        var teams: [String: Team] = [:]
        for team in plan.teams {
            let entries = plan.entries(team: team.id)
            let reasons = PlanReason.allCases.compactMap { reason -> (String, Int)? in
                let count = entries.count { $0.reasons.contains(reason) }
                return count > 0 ? (strings.planReason(reason), count) : nil
            }
            teams[team.id] = Team(due: entries.count, overdue: entries.count { plan.isOverdue($0.due) }, reasons: reasons)
        }
        self.teams = teams
        self.today = plan.today
        self.showAgents = showAgents
    }
}
