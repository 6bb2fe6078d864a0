package dev.driftline.remediation.world;

/** A registry package's approval status, in SageMaker's words ({@code ModelApprovalStatus}). */
public enum ApprovalStatus {
    APPROVED("Approved"), REJECTED("Rejected"), PENDING("PendingManualApproval");

    private final String sageMakerName;

    ApprovalStatus(String sageMakerName) {
        this.sageMakerName = sageMakerName;
    }

    public String sageMakerName() {
        return sageMakerName;
    }

    public static ApprovalStatus ofSageMaker(String name) {
        for (ApprovalStatus s : values()) {
            if (s.sageMakerName.equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown ModelApprovalStatus " + name);
    }
}
