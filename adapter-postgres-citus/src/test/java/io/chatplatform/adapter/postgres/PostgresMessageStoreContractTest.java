package io.chatplatform.adapter.postgres;

import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.contracts.MessageStoreContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL store keeps the contract every message store keeps; its own behaviour is in PostgresMessageStoreTest. */
@DisplayName("PostgresMessageStore keeps the message store contract")
class PostgresMessageStoreContractTest extends MessageStoreContract {

    @RegisterExtension
    static final FreshSchema db = new FreshSchema();

    @Override
    protected CreateUser newUserStore() {
        return db.users();
    }

    @Override
    protected MessagePorts newMessageStore() {
        return MessagePorts.of(db.messages());
    }
}
