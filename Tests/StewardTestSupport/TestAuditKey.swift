import StewardCore

/// One audit signing key for the whole test process (tests that build stores in-process).
public enum TestAuditKey {
    public static let signer = AuditSigner.generate()
    public static let sealer = AuditSealer(signer: signer)
}
