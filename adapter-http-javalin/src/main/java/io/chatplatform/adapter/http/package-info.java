/**
 * The chat's HTTP API on Javalin: the routes and JSON shapes of the replaced FastAPI service, plus
 * its extensions, an OpenAPI 3.1 document generated from the routes, Swagger UI and ReDoc.
 *
 * <p>The API of this module is {@link io.chatplatform.adapter.http.ChatHttpServer} and
 * {@link io.chatplatform.adapter.http.HttpSettings}. Everything under
 * {@code io.chatplatform.adapter.http.internal} is an implementation detail that may change
 * without notice, even where it is public.
 */
package io.chatplatform.adapter.http;
