package io.chatplatform.contracts;

import io.chatplatform.application.inmemory.InMemoryBlockStore;
import io.chatplatform.application.inmemory.InMemoryUserStore;
import io.chatplatform.application.port.out.BlockStore;
import io.chatplatform.application.port.out.CreateUser;
import org.junit.jupiter.api.DisplayName;

@DisplayName("InMemoryBlockStore keeps the block store contract")
class InMemoryBlockStoreContractTest extends BlockStoreContract {

    @Override
    protected CreateUser newUserStore() {
        return new InMemoryUserStore();
    }

    @Override
    protected BlockStore newBlockStore() {
        return new InMemoryBlockStore();
    }
}
