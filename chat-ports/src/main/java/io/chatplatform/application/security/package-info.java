/**
 * The password hasher and the access-token issuer, made with the JDK alone ({@code javax.crypto}),
 * so that an application embedding the chat needs no third-party library for them:
 * {@link io.chatplatform.application.security.Pbkdf2PasswordHasher} and
 * {@link io.chatplatform.application.security.Hs256AccessTokens}. The service itself uses bcrypt
 * and java-jwt ({@code bootstrap}); the tokens of both issuers are the same.
 */
package io.chatplatform.application.security;
