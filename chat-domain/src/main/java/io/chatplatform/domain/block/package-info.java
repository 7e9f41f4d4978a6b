/** Blocking: who a user has blocked and who has blocked them, and what a block stops. */
package io.chatplatform.domain.block;
