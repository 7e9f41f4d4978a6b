package io.chatplatform.contracts;

import io.chatplatform.application.inmemory.InMemorySessionStore;
import io.chatplatform.application.inmemory.InMemoryUserStore;
import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.application.port.out.SessionStore;
import org.junit.jupiter.api.DisplayName;

@DisplayName("InMemorySessionStore keeps the session store contract")
class InMemorySessionStoreContractTest extends SessionStoreContract {

    @Override
    protected CreateUser newUserStore() {
        return new InMemoryUserStore();
    }

    @Override
    protected SessionStore newSessionStore() {
        return new InMemorySessionStore();
    }
}
