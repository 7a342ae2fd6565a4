import StewardAPI

// Short names for the generated API schemas used throughout the commands.
typealias Model = Components.Schemas.Model
typealias ModelList = Components.Schemas.ModelList
typealias Version = Components.Schemas.Version
typealias VersionList = Components.Schemas.VersionList
typealias FileEntry = Components.Schemas.FileEntry
typealias FileList = Components.Schemas.FileList
typealias Alias = Components.Schemas.Alias
typealias AliasList = Components.Schemas.AliasList
typealias AliasHistory = Components.Schemas.AliasHistory
typealias WhoAmI = Components.Schemas.WhoAmI
typealias Account = Components.Schemas.Account
typealias AccountList = Components.Schemas.AccountList
typealias Team = Components.Schemas.Team
typealias TeamList = Components.Schemas.TeamList
typealias Token = Components.Schemas.Token
typealias TokenList = Components.Schemas.TokenList
typealias Grant = Components.Schemas.Grant
typealias GrantList = Components.Schemas.GrantList
