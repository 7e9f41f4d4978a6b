package io.chatplatform.adapter.postgres;

import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.application.port.out.SessionStore;
import io.chatplatform.contracts.SessionStoreContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL store keeps the contract every session store keeps; its own behaviour is in PostgresSessionStoreTest. */
@DisplayName("PostgresSessionStore keeps the session store contract")
class PostgresSessionStoreContractTest extends SessionStoreContract {

    @RegisterExtension
    static final FreshSchema db = new FreshSchema();

    @Override
    protected CreateUser newUserStore() {
        return db.users();
    }

    @Override
    protected SessionStore newSessionStore() {
        return db.database().sessions();
    }
}
