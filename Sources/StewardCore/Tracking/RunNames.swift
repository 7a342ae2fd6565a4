import Foundation

/// Generated run names such as `bald-goose-972`, as MLflow gives runs started without a name.
enum RunNames {
    static let adjectives = [
        "able", "bold", "brave", "bright", "calm", "clever", "crisp", "dapper", "eager", "fancy", "gentle", "glad",
        "honest", "jolly", "keen", "kind", "lively", "lucky", "merry", "nimble", "polite", "proud", "quick", "quiet",
        "rare", "shy", "smart", "sunny", "swift", "tidy", "vivid", "warm", "wise", "zesty", "bald", "amber",
    ]
    static let nouns = [
        "ant", "bass", "bear", "bird", "cat", "colt", "crab", "crow", "deer", "dog", "duck", "eel", "elk", "finch",
        "fox", "frog", "goat", "goose", "hare", "hawk", "hen", "lark", "lynx", "mole", "moth", "mule", "owl", "ox",
        "panda", "seal", "shark", "slug", "snail", "squid", "stork", "swan", "toad", "trout", "whale", "wolf", "yak",
    ]

    static func generate() -> String {
        "\(adjectives.randomElement()!)-\(nouns.randomElement()!)-\(Int.random(in: 100...999))"
    }
}
