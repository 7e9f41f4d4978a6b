package io.chatplatform.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.application.fixtures.FakeAccessTokens;
import io.chatplatform.application.fixtures.FakePasswordHasher;
import io.chatplatform.application.inmemory.InMemoryMessageStore;
import io.chatplatform.application.inmemory.InMemoryUserStore;
import io.chatplatform.application.port.in.RegisterUser;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.Password;
import io.chatplatform.domain.user.Presence;
import io.chatplatform.domain.user.Username;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Uses the library the way an application that embeds the chat would. */
class ChatApplicationTest {

    @Test
    void an_embedding_application_builds_the_chat_from_its_own_adapters() {
        var users = new InMemoryUserStore();
        ChatApplication chat = ChatApplication.builder()
                .users(users)
                .messages(new InMemoryMessageStore())
                .passwordHasher(new FakePasswordHasher())
                .accessTokens(new FakeAccessTokens())
                .clock(Clock.systemUTC())
                .presence(Presence.DEFAULT)
                .build();
        var result = chat.registerUser().register(new RegisterUser.Command(Username.of("embedder"),
                Email.of("embedder@example.com"), Password.of("password123")));
        assertThat(result).isInstanceOf(RegisterUser.Registered.class);
        assertThat(users.all()).hasSize(1);
    }

    @Test
    void the_builder_names_the_port_that_is_missing() {
        assertThatThrownBy(() -> ChatApplication.builder().users(new InMemoryUserStore()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("appendMessage");
        assertThatThrownBy(() -> ChatApplication.builder().build()).hasMessageContaining("createUser");
        assertThatThrownBy(() -> ChatApplication.builder().users(new InMemoryUserStore())
                .messages(new InMemoryMessageStore()).build()).hasMessageContaining("passwordHasher");
        assertThatThrownBy(() -> ChatApplication.builder().users(new InMemoryUserStore())
                .messages(new InMemoryMessageStore()).passwordHasher(new FakePasswordHasher()).build())
                .hasMessageContaining("accessTokens");
    }
}
