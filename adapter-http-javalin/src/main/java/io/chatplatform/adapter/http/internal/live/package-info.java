/**
 * Not API. {@code GET /ws}: authentication of WebSocket connections, the JSON messages of the live
 * protocol ({@code docs/realtime.md}) and each connection's bounded outbox. The delivery logic
 * (ordering, gaps, de-duplication, resume, presence) is the application's
 * {@link io.chatplatform.application.port.in.OpenLiveConnection}; this package only moves frames.
 */
package io.chatplatform.adapter.http.internal.live;
