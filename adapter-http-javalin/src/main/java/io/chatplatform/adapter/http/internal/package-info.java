/**
 * Not API. The pieces of the HTTP adapter: route descriptors, request reading and validation,
 * authentication, error mapping, JSON views and the OpenAPI generator. Public only so that the
 * sub-packages can see each other; nothing outside this module may use them.
 */
package io.chatplatform.adapter.http.internal;
