/// The native REST API contract: `openapi.yaml` and the types and client generated from it.
/// (SwiftPM needs one Swift source file in a target that otherwise holds only the document.)
import Foundation
