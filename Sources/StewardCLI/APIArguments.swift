import ArgumentParser
import StewardAPI

// The API's enumerations as command-line values: each parses from its wire spelling
// (`--role admin`, `--tier high`, `--scope write`, `--visibility restricted`), and the help and
// errors list the allowed values.

extension Components.Schemas.Role: ExpressibleByArgument {}
extension Components.Schemas.Visibility: ExpressibleByArgument {}
extension Components.Schemas.AccountCreate.KindPayload: ExpressibleByArgument {}
extension Components.Schemas.AccountCreate.TierPayload: ExpressibleByArgument {}
extension Components.Schemas.AccountUpdate.TierPayload: ExpressibleByArgument {}
extension Components.Schemas.TokenCreate.ScopesPayloadPayload: ExpressibleByArgument {}
extension Components.Schemas.GrantSet.PermissionPayload: ExpressibleByArgument {}
