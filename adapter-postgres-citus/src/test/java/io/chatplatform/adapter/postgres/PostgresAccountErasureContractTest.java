package io.chatplatform.adapter.postgres;

import io.chatplatform.contracts.EraseAccountsContract;
import io.chatplatform.contracts.MessageStoreContract.MessagePorts;
import io.chatplatform.contracts.UserStoreContract.UserPorts;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL erasure keeps the contract every erasure keeps; its own behaviour is in PostgresAccountErasureTest. */
@DisplayName("PostgresAccountErasure keeps the account erasure contract")
class PostgresAccountErasureContractTest extends EraseAccountsContract {

    @RegisterExtension
    static final FreshSchema db = new FreshSchema();

    @Override
    protected ErasurePorts newStores() {
        PostgresDatabase database = db.database();
        return new ErasurePorts(UserPorts.of(database.users()), MessagePorts.of(database.messages()), database.sessions(),
                database.blocks(), database.erasure());
    }
}
