/**
 * The application services: each implements inbound ports by composing the domain with outbound
 * ports. No framework, no I/O of their own; transactions are the outbound ports' business.
 */
package io.chatplatform.application.service;
