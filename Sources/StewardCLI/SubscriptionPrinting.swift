/// Tables for subscriptions and webhook deliveries.
enum SubscriptionPrinting {
    static func split(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func table(_ subscriptions: [Subscription]) -> String {
        var table = TableFormatter(headers: ["ID", "SUBJECT", "MODEL", "EVENTS", "WEBHOOK", "FEED", "ENABLED"])
        for s in subscriptions {
            table.append([s.id, "\(s.subjectKind.rawValue):\(s.subject)", s.model ?? "*", events(s), Cells.text(s.webhookUrl),
                          s.feed ? "yes" : "no", s.enabled ? "yes" : "no"])
        }
        return table.render()
    }

    static func details(_ s: Subscription) -> String {
        TableFormatter.details([
            ("ID", s.id), ("Subject", "\(s.subjectKind.rawValue):\(s.subject)"), ("Model", s.model ?? "* (every model)"),
            ("Events", events(s)), ("Webhook", Cells.text(s.webhookUrl)), ("Feed", s.feed ? "yes" : "no"),
            ("Enabled", s.enabled ? "yes" : "no"), ("Description", Cells.text(s.description)),
            ("Created", "\(Cells.date(s.createdAt)) by \(s.createdBy)"),
        ])
    }

    /// A new subscription, then its webhook secret, labelled as shown only this once.
    static func created(_ s: Subscription) -> String {
        var text = details(s)
        if let secret = s.secret {
            text += "\n\nWebhook signing secret (shown only this once; verify webhook-signature with it):\n" + secret
        }
        return text
    }

    static func deliveries(_ deliveries: [WebhookDelivery]) -> String {
        var table = TableFormatter(headers: ["WEBHOOK-ID", "EVENT", "STATE", "ATTEMPTS", "LAST STATUS", "LAST ERROR", "CREATED"])
        for d in deliveries {
            table.append([d.id, d.eventType, d.state.rawValue, String(d.attempts), Cells.number(d.lastStatus),
                          Cells.summary(d.lastError ?? "", width: 40), Cells.date(d.createdAt)])
        }
        return table.render()
    }

    private static func events(_ s: Subscription) -> String {
        s.eventTypes.isEmpty ? "*" : s.eventTypes.joined(separator: ",")
    }
}
