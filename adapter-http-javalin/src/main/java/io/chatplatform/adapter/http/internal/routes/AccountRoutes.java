package io.chatplatform.adapter.http.internal.routes;

import static io.chatplatform.adapter.http.internal.request.Input.Source.FORM_BODY;
import static io.chatplatform.adapter.http.internal.request.Input.Source.JSON_BODY;

import io.chatplatform.adapter.http.internal.pipeline.ApiError;
import io.chatplatform.adapter.http.internal.request.FieldError;
import io.chatplatform.adapter.http.internal.request.Input;
import io.chatplatform.adapter.http.internal.request.RequestReader;
import io.chatplatform.adapter.http.internal.route.Call;
import io.chatplatform.adapter.http.internal.route.Route;
import io.chatplatform.adapter.http.internal.route.RouteTable;
import io.chatplatform.adapter.http.internal.view.AccessTokenView;
import io.chatplatform.adapter.http.internal.view.OwnProfileView;
import io.chatplatform.adapter.http.internal.view.RegisteredUserView;
import io.chatplatform.application.port.in.LogIn;
import io.chatplatform.application.port.in.RegisterUser;
import io.chatplatform.application.port.in.Throttled;
import io.chatplatform.application.port.in.UpdateProfile;
import io.chatplatform.application.port.in.ViewOwnProfile;
import io.chatplatform.domain.user.AvatarUrl;
import io.chatplatform.domain.user.DisplayName;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.Password;
import io.chatplatform.domain.user.PasswordAttempt;
import io.chatplatform.domain.user.ProfileUpdate;
import io.chatplatform.domain.user.TimeZoneName;
import io.chatplatform.domain.user.Username;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** Accounts: register, log in, and the caller's own profile. */
public final class AccountRoutes {

    private static final String TAG = "accounts";

    static final Input<Username> USERNAME = Input.text(JSON_BODY, "username", Username::of,
            "3 to 50 characters: letters, digits or underscore");
    static final Input<Email> EMAIL = Input.text(JSON_BODY, "email", Email::of,
            "A valid email address; unique regardless of case");
    static final Input<Password> PASSWORD = Input.text(JSON_BODY, "password", Password::of,
            "At least 8 characters and at most 72 bytes of UTF-8");

    static final Input<String> LOGIN_USERNAME = Input.text(FORM_BODY, "username", Function.identity(),
            "The username, case-sensitive");
    static final Input<PasswordAttempt> LOGIN_PASSWORD = Input.text(FORM_BODY, "password", PasswordAttempt::of,
            "The password");

    static final Input<DisplayName> DISPLAY_NAME = Input.text(JSON_BODY, "display_name", DisplayName::of,
            "1 to 100 characters on one line; null clears it, absent keeps it").clearable();
    static final Input<AvatarUrl> AVATAR_URL = Input.text(JSON_BODY, "avatar_url", AvatarUrl::of,
            "An absolute http(s) URL of at most 2048 characters; null clears it, absent keeps it").clearable();
    static final Input<TimeZoneName> TIMEZONE = Input.text(JSON_BODY, "timezone", TimeZoneName::of,
            "An IANA time zone such as Europe/Berlin, or UTC; null clears it, absent keeps it").clearable();
    static final Input<PasswordAttempt> CURRENT_PASSWORD = Input.text(JSON_BODY, "current_password",
            PasswordAttempt::of, "The current password; required with new_password").optional();
    static final Input<Password> NEW_PASSWORD = Input.text(JSON_BODY, "new_password", Password::of,
            "A new password: at least 8 characters and at most 72 bytes of UTF-8").optional();

    private final RegisterUser registerUser;
    private final LogIn logIn;
    private final ViewOwnProfile viewOwnProfile;
    private final UpdateProfile updateProfile;

    public AccountRoutes(RegisterUser registerUser, LogIn logIn, ViewOwnProfile viewOwnProfile,
                         UpdateProfile updateProfile) {
        this.registerUser = Objects.requireNonNull(registerUser, "registerUser");
        this.logIn = Objects.requireNonNull(logIn, "logIn");
        this.viewOwnProfile = Objects.requireNonNull(viewOwnProfile, "viewOwnProfile");
        this.updateProfile = Objects.requireNonNull(updateProfile, "updateProfile");
    }

    public void register(RouteTable routes) {
        routes.add(Route.post("/register").tag(TAG).summary("Create an account")
                .inputs(USERNAME, EMAIL, PASSWORD)
                .ok(RegisteredUserView.class, "The account was created")
                .error(400, "Username or email already registered")
                .error(429, ApiError.TOO_MANY_REQUESTS + ": too many registrations from this address lately")
                .handle(this::registerUser));
        routes.add(Route.post("/login").tag(TAG).summary("Exchange username and password for a bearer token (OAuth2 password flow)")
                .inputs(LOGIN_USERNAME, LOGIN_PASSWORD)
                .ok(AccessTokenView.class, "The credentials are right")
                .error(400, "Incorrect username or password")
                .error(429, ApiError.TOO_MANY_REQUESTS + ": too many failed logins for this username or from this address lately")
                .handle(this::logIn));
        routes.add(Route.get("/users/me").tag(TAG).summary("The caller's own account")
                .authenticated()
                .ok(OwnProfileView.class, "The caller's account")
                .handle(this::ownProfile));
        routes.add(Route.patch("/users/me").tag(TAG)
                .summary("Change the caller's profile (merge-patch: absent keeps, null clears) or password")
                .authenticated()
                .inputs(DISPLAY_NAME, AVATAR_URL, TIMEZONE, CURRENT_PASSWORD, NEW_PASSWORD)
                .ok(OwnProfileView.class, "The account after the change")
                .error(400, "Current password is incorrect")
                .handle(this::updateProfile));
    }

    private Object registerUser(Call call) {
        RequestReader in = call.in();
        Username username = in.get(USERNAME);
        Email email = in.get(EMAIL);
        Password password = in.get(PASSWORD);
        in.check();
        var result = registerUser.register(new RegisterUser.Command(username, email, password, call.from()));
        if (result instanceof RegisterUser.Registered registered) {
            return RegisteredUserView.of(registered.account());
        }
        if (result instanceof Throttled throttled) {
            throw ApiError.tooManyRequests(throttled);
        }
        throw ApiError.badRequest("Username or email already registered");
    }

    private Object logIn(Call call) {
        RequestReader in = call.in();
        String username = in.get(LOGIN_USERNAME);
        PasswordAttempt password = in.get(LOGIN_PASSWORD);
        in.check();
        var result = logIn.logIn(new LogIn.Command(username, password, call.from()));
        if (result instanceof LogIn.LoggedIn loggedIn) {
            return AccessTokenView.bearer(loggedIn.token().value(), loggedIn.token().lifetime().toSeconds());
        }
        if (result instanceof Throttled throttled) {
            throw ApiError.tooManyRequests(throttled);
        }
        throw ApiError.badRequest("Incorrect username or password");
    }

    private Object ownProfile(Call call) {
        return viewOwnProfile.ownProfile(call.caller())
                .map(OwnProfileView::of)
                // the token outlived its account
                .orElseThrow(ApiError::invalidCredentials);
    }

    private Object updateProfile(Call call) {
        RequestReader in = call.in();
        var profile = new ProfileUpdate(in.update(DISPLAY_NAME), in.update(AVATAR_URL), in.update(TIMEZONE));
        PasswordAttempt current = in.get(CURRENT_PASSWORD);
        Password replacement = in.get(NEW_PASSWORD);
        requireTogether(in, NEW_PASSWORD, CURRENT_PASSWORD);
        requireTogether(in, CURRENT_PASSWORD, NEW_PASSWORD);
        in.check();
        Optional<UpdateProfile.PasswordChange> change = current != null && replacement != null
                ? Optional.of(new UpdateProfile.PasswordChange(current, replacement))
                : Optional.empty();
        var result = updateProfile.update(new UpdateProfile.Command(call.caller(), profile, change));
        if (result instanceof UpdateProfile.Updated updated) {
            return OwnProfileView.of(updated.account());
        }
        if (result instanceof UpdateProfile.WrongCurrentPassword) {
            throw ApiError.badRequest("Current password is incorrect");
        }
        throw ApiError.invalidCredentials();
    }

    /** A password change needs both passwords; naming the missing one tells the client what to add. */
    private static void requireTogether(RequestReader in, Input<?> given, Input<?> needed) {
        if (in.isGiven(given) && !in.isGiven(needed)) {
            in.reject(new FieldError(RequestReader.loc(needed), "Field required when " + given.name() + " is given",
                    "missing"));
        }
    }
}
