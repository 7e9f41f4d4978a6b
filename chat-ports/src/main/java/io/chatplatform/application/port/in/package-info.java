/**
 * Inbound ports: one interface per thing a user can do, with its command and result records.
 * Expected outcomes (a taken username, a wrong password, a missing recipient) are results, not
 * exceptions; exceptions mean faults. Adapters such as the HTTP API call only these.
 *
 * <p>Every inbound port is safe for concurrent use: call it from any number of threads at once.
 */
package io.chatplatform.application.port.in;
