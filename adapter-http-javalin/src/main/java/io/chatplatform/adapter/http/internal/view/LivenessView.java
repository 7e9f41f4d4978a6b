package io.chatplatform.adapter.http.internal.view;

/** The process answers; says nothing about its dependencies. */
public record LivenessView(String status) {

    public static final LivenessView ALIVE = new LivenessView("alive");
}
