package dev.marquee.kernel.plugins.repository;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys and signatures of plugin artifacts, through the JDK. Text forms: a public key is
 * base64 of its X.509 SubjectPublicKeyInfo DER, a private key base64 of its PKCS#8 DER; a key id is
 * the lower-case hex of the first 8 bytes of SHA-256 over the public key's DER.
 */
public final class PluginKeys {
  static final String ALGORITHM = "Ed25519";

  private PluginKeys() {}

  /** A new Ed25519 key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no Ed25519", e);
    }
  }

  /** The key id of a public key. */
  public static String keyId(PublicKey key) {
    return HexFormat.of().formatHex(digest("SHA-256", key.getEncoded()), 0, 8);
  }

  public static String publicKeyText(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  public static String privateKeyText(PrivateKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /**
   * Reads a public key's text form.
   *
   * @throws IllegalArgumentException when it is not base64 of an Ed25519 public key
   */
  public static PublicKey parsePublicKey(String text) {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(text.trim())));
    } catch (IllegalArgumentException | GeneralSecurityException | NullPointerException e) {
      throw new IllegalArgumentException("not an Ed25519 public key (base64 of its X.509 DER)");
    }
  }

  /**
   * Reads a private key's text form.
   *
   * @throws IllegalArgumentException when it is not base64 of an Ed25519 private key
   */
  public static PrivateKey parsePrivateKey(String text) {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text.trim())));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 private key (base64 of its PKCS#8 DER)");
    }
  }

  /** The public key that belongs to {@code privateKey}: Ed25519 private keys in PKCS#8 from the JDK do not carry it. */
  public static PublicKey publicKeyOf(PrivateKey privateKey) {
    try {
      // The JDK's generator derives the key pair from 32 random bytes, which are the private key's seed.
      var edPrivate = (java.security.interfaces.EdECPrivateKey) privateKey;
      byte[] seed = edPrivate.getBytes().orElseThrow(() -> new IllegalArgumentException("the private key has no seed"));
      KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
      generator.initialize(java.security.spec.NamedParameterSpec.ED25519, new FixedRandom(seed));
      return generator.generateKeyPair().getPublic();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot derive the public key", e);
    }
  }

  /** Base64 Ed25519 signature over the bytes of {@code file}. */
  public static String sign(PrivateKey key, Path file) throws IOException {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(key);
      update(signature, file);
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
    }
  }

  /** Whether {@code signatureBase64} is {@code key}'s signature over the bytes of {@code file}. */
  public static boolean verify(PublicKey key, Path file, String signatureBase64) throws IOException {
    try {
      byte[] signatureBytes = Base64.getDecoder().decode(signatureBase64);
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initVerify(key);
      update(signature, file);
      return signature.verify(signatureBytes);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }

  /** Lower-case hex SHA-512 of {@code file}. */
  public static String sha512(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-512");
      byte[] buffer = new byte[65536];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(Signature signature, Path file) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[65536];
      for (int n; (n = in.read(buffer)) > 0; ) {
        signature.update(buffer, 0, n);
      }
    }
  }

  private static byte[] digest(String algorithm, byte[] bytes) {
    try {
      return MessageDigest.getInstance(algorithm).digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A "random" source that yields a given seed: the JDK's Ed25519 generator draws the private key from it. */
  private static final class FixedRandom extends java.security.SecureRandom {
    private final byte[] seed;

    FixedRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
    }
  }
}
