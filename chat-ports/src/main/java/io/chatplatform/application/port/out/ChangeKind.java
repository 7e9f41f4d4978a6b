package io.chatplatform.application.port.out;

/**
 * The kinds of change to a stored message or marker that metrics count, beside sends: a bounded
 * set, so a label made of it stays bounded.
 */
public enum ChangeKind {

    /** An edit replaced a message's content. */
    EDIT("edit"),
    /** A sender deleted a message for everyone. */
    DELETE_FOR_EVERYONE("delete_for_everyone"),
    /** A participant hid a message from their own history. */
    DELETE_FOR_ME("delete_for_me"),
    /** A reaction was added. */
    REACT("react"),
    /** A reaction was taken back. */
    UNREACT("unreact"),
    /** A delivery marker moved. */
    DELIVERED("delivered");

    private final String label;

    ChangeKind(String label) {
        this.label = label;
    }

    /** The label value metrics use. */
    public String label() {
        return label;
    }
}
