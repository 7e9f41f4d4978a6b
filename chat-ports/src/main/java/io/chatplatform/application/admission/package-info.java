/**
 * Admission control: CPU-heavy work runs on a bounded pool of platform threads and is refused at
 * once when the pool is full ({@link io.chatplatform.application.admission.CpuBoundWork}), so that
 * one kind of request cannot starve the others.
 */
package io.chatplatform.application.admission;
