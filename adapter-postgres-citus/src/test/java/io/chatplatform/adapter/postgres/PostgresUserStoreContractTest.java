package io.chatplatform.adapter.postgres;

import io.chatplatform.contracts.UserStoreContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL store keeps the contract every user store keeps; its own behaviour is in PostgresUserStoreTest. */
@DisplayName("PostgresUserStore keeps the user store contract")
class PostgresUserStoreContractTest extends UserStoreContract {

    @RegisterExtension
    static final FreshSchema db = new FreshSchema();

    @Override
    protected UserPorts newStore() {
        return UserPorts.of(db.users());
    }
}
