package io.mdbldap.conf;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The TLS files named by {@code TLSCertificateFile}, {@code TLSCertificateKeyFile} and {@code TLSCACertificateFile}.
 * Paths are absolute; the files are not opened or checked here.
 *
 * @param certificateFile the server certificate (PEM)
 * @param certificateKeyFile the server certificate's private key (PEM)
 * @param caCertificateFile the certificates of the CAs the server trusts (PEM)
 */
public record TlsFiles(Optional<Path> certificateFile, Optional<Path> certificateKeyFile,
        Optional<Path> caCertificateFile) {

    /** No TLS file configured. */
    public static final TlsFiles NONE = new TlsFiles(Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * Checks the components.
     *
     * @throws NullPointerException if a component is null rather than empty
     */
    public TlsFiles {
        Objects.requireNonNull(certificateFile, "certificateFile");
        Objects.requireNonNull(certificateKeyFile, "certificateKeyFile");
        Objects.requireNonNull(caCertificateFile, "caCertificateFile");
    }

    /**
     * Tells whether a server certificate and its key are both configured, as {@code ldaps://} and StartTLS need.
     *
     * @return true if both files are named
     */
    public boolean hasServerCertificate() {
        return certificateFile.isPresent() && certificateKeyFile.isPresent();
    }
}
