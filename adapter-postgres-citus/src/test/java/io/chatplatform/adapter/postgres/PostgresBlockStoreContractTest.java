package io.chatplatform.adapter.postgres;

import io.chatplatform.application.port.out.BlockStore;
import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.contracts.BlockStoreContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL store keeps the contract every block store keeps. */
@DisplayName("PostgresBlockStore keeps the block store contract")
class PostgresBlockStoreContractTest extends BlockStoreContract {

    @RegisterExtension
    static final FreshSchema db = new FreshSchema();

    @Override
    protected CreateUser newUserStore() {
        return db.users();
    }

    @Override
    protected BlockStore newBlockStore() {
        return db.database().blocks();
    }
}
