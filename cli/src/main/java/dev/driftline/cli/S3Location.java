package dev.driftline.cli;

import dev.driftline.config.UserInputException;

/** An {@code s3://bucket/key-or-prefix} location given on the command line. */
record S3Location(String bucket, String key) {
    static final String SCHEME = "s3://";

    static boolean isS3(String location) {
        return location != null && location.startsWith(SCHEME);
    }

    /**
     * Parses {@code s3://bucket[/key]}.
     *
     * @param option the flag the value came from, named in the message when it is malformed
     */
    static S3Location parse(String option, String value) {
        if (!isS3(value)) {
            throw new UserInputException(option + " " + value + ": not an s3://bucket/key location");
        }
        String rest = value.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        // S3 bucket naming rules, loosely: enough to catch s3:///x, s3://Bucket_Name and a pasted https URL
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new UserInputException(option + " " + value + ": '" + bucket + "' is not an S3 bucket name");
        }
        return new S3Location(bucket, key);
    }

    /** The location of one object under this bucket. */
    S3Location object(String objectKey) {
        return new S3Location(bucket, objectKey);
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }
}
