package io.chatplatform.examples.embedded;

// tag::embed[]
import io.chatplatform.application.ChatApplication;
import io.chatplatform.application.inmemory.InMemoryAdapters;
import io.chatplatform.application.port.in.ListConversations;
import io.chatplatform.application.port.in.ReadHistory;
import io.chatplatform.application.port.in.RegisterUser;
import io.chatplatform.application.port.in.SendMessage;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.Password;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.util.Optional;

public class EmbeddedChatExample {

    public static void main(String[] args) {
        // every port in memory; replace any of them on the builder, e.g. .messages(yourStore)
        try (ChatApplication chat = InMemoryAdapters.builder().build()) {
            UserId alice = register(chat, "alice");
            UserId bob = register(chat, "bob");

            chat.sendMessage().send(new SendMessage.Command(alice, bob, MessageContent.of("Hi Bob!"), Optional.empty()));
            chat.sendMessage().send(new SendMessage.Command(bob, alice, MessageContent.of("Hi Alice, all well?"), Optional.empty()));

            System.out.println("alice and bob, newest first:");
            chat.readHistory().history(new ReadHistory.Query(alice, bob, HistoryPage.newest())).forEach(message ->
                    System.out.println("  " + (message.senderId().equals(alice) ? "alice" : "bob") + ": "
                            + message.content().map(MessageContent::value).orElse("(deleted)")));
            System.out.println("alice's conversations:");
            chat.listConversations().conversations(new ListConversations.Query(alice, 10)).forEach(conversation ->
                    System.out.println("  " + conversation.peerUsername().value() + ", " + conversation.unreadCount() + " unread"));
        } // close() stops whatever the chat started
    }

    static UserId register(ChatApplication chat, String name) {
        RegisterUser.Result result = chat.registerUser().register(new RegisterUser.Command(
                Username.of(name), Email.of(name + "@example.com"), Password.of("correct horse battery staple")));
        return ((RegisterUser.Registered) result).account().id();
    }
}
// end::embed[]
