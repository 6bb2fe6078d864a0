package dev.driftline.testkit.browser;

/**
 * A Chrome DevTools Protocol command failed: Chromium answered with an {@code error}, the answer
 * did not come in time, or the connection closed. Unchecked, because a test cannot do anything
 * useful with it but fail.
 */
public final class CdpException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CdpException(String message) {
    super(message);
  }

  public CdpException(String message, Throwable cause) {
    super(message, cause);
  }
}
