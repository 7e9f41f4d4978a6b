/**
 * Not API. The JSON bodies of the HTTP API as records: component names become snake_case
 * members, {@link io.chatplatform.adapter.http.internal.view.Nullable} components may be null,
 * timestamps are written as {@code 2026-11-27T14:31:05.123Z}. The OpenAPI schemas are derived
 * from these records, so the document shows what is really sent.
 */
package io.chatplatform.adapter.http.internal.view;
