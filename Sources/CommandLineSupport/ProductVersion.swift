/// The version of PreventAssist both executables print for `--version` (`prevent-assist`, `prevent-assist-relay`);
/// `scripts/build-deb.sh` reads the Debian package's version from this line.
public enum ProductVersion {
    public static let version = "0.1.0"
}
