package io.chatplatform.contracts;

import io.chatplatform.application.inmemory.InMemoryAccountErasure;
import io.chatplatform.application.inmemory.InMemoryBlockStore;
import io.chatplatform.application.inmemory.InMemoryMessageStore;
import io.chatplatform.application.inmemory.InMemorySessionStore;
import io.chatplatform.application.inmemory.InMemoryUserStore;
import org.junit.jupiter.api.DisplayName;

@DisplayName("InMemoryAccountErasure keeps the erasure contract")
class InMemoryAccountErasureContractTest extends EraseAccountsContract {

    @Override
    protected ErasurePorts newStores() {
        InMemoryUserStore users = new InMemoryUserStore();
        InMemoryMessageStore messages = new InMemoryMessageStore();
        InMemorySessionStore sessions = new InMemorySessionStore();
        InMemoryBlockStore blocks = new InMemoryBlockStore();
        return new ErasurePorts(UserStoreContract.UserPorts.of(users), MessageStoreContract.MessagePorts.of(messages),
                sessions, blocks, new InMemoryAccountErasure(users, messages, sessions, blocks));
    }
}
