import Foundation
import StewardCore

/// A line chart of one metric series, drawn on the server as inline SVG. The template receives
/// only numbers (coordinates, axis values); labels are escaped HTML around the figure, so no text
/// of a user's ever lands inside the SVG.
struct SVGChart: Sendable {
    var title: String
    var summary: String
    /// `x,y x,y …` in the 600×160 view box.
    var points: String
    var dots: [Dot]
    var maxLabel: String
    var minLabel: String
    var fromLabel: String
    var toLabel: String
    /// The threshold line of an alert rule, when one applies.
    var thresholdY: String?

    struct Dot: Sendable {
        var x: String
        var y: String
    }

    static let width = 600.0, height = 160.0, pad = 10.0

    init?(title: String, points series: [MetricPoint], threshold: Double? = nil) {
        guard !series.isEmpty else { return nil }
        let values = series.map(\.value) + (threshold.map { [$0] } ?? [])
        var low = values.min() ?? 0, high = values.max() ?? 1
        if high - low < 1e-12 { low -= 0.5; high += 0.5 }
        let start = series.first!.windowStart.timeIntervalSince1970
        let span = max(series.last!.windowStart.timeIntervalSince1970 - start, 1)
        func x(_ point: MetricPoint) -> Double {
            series.count == 1 ? Self.width / 2 : Self.pad + (point.windowStart.timeIntervalSince1970 - start) / span * (Self.width - 2 * Self.pad)
        }
        func y(_ value: Double) -> Double { Self.height - Self.pad - (value - low) / (high - low) * (Self.height - 2 * Self.pad) }
        let coordinates = series.map { (x($0), y($0.value)) }
        self.title = title
        points = coordinates.map { String(format: "%.1f,%.1f", $0.0, $0.1) }.joined(separator: " ")
        dots = series.count <= 60 ? coordinates.map { Dot(x: String(format: "%.1f", $0.0), y: String(format: "%.1f", $0.1)) } : []
        maxLabel = Format.number(high)
        minLabel = Format.number(low)
        fromLabel = Format.time(series.first!.windowStart)
        toLabel = Format.time(series.last!.windowEnd)
        thresholdY = threshold.map { String(format: "%.1f", y($0)) }
        summary = "\(series.count) windows from \(fromLabel) to \(toLabel); latest value \(Format.number(series.last!.value)), "
            + "range \(Format.number(series.map(\.value).min()!)) to \(Format.number(series.map(\.value).max()!))."
    }
}
