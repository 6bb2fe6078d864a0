package dev.driftline.remediation.world;

/**
 * Whether a traffic move has settled.
 *
 * @param phase  settling, ready or failed
 * @param detail what the target reports (condition message, endpoint status, the alarm that fired)
 */
public record RolloutProgress(Phase phase, String detail) {
    public enum Phase { SETTLING, READY, FAILED }

    public static RolloutProgress ready(String detail) {
        return new RolloutProgress(Phase.READY, detail);
    }

    public static RolloutProgress settling(String detail) {
        return new RolloutProgress(Phase.SETTLING, detail);
    }

    public static RolloutProgress failed(String detail) {
        return new RolloutProgress(Phase.FAILED, detail);
    }
}
