package io.chatplatform.contracts;

import io.chatplatform.application.inmemory.InMemoryMessageStore;
import io.chatplatform.application.inmemory.InMemoryUserStore;
import io.chatplatform.application.port.out.CreateUser;
import org.junit.jupiter.api.DisplayName;

@DisplayName("InMemoryMessageStore keeps the message store contract")
class InMemoryMessageStoreContractTest extends MessageStoreContract {

    @Override
    protected CreateUser newUserStore() {
        return new InMemoryUserStore();
    }

    @Override
    protected MessagePorts newMessageStore() {
        return MessagePorts.of(new InMemoryMessageStore());
    }
}
